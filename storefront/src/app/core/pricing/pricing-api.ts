import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import type { PriceQuoteDto, PricingSummaryDto, QuoteRequest } from '@shop/contracts';

/** The pricing routes of the gateway: the public rules, and the signed-in shopper's cart priced. */
@Injectable({ providedIn: 'root' })
export class PricingApi {
  private readonly http = inject(HttpClient);

  summary(): Observable<PricingSummaryDto> {
    return this.http.get<PricingSummaryDto>('/api/pricing');
  }

  /** The cart priced as its order would be charged now (the server computes it; nothing is guessed here). */
  quote(request: Required<QuoteRequest>): Observable<PriceQuoteDto> {
    return this.http.get<PriceQuoteDto>('/api/pricing/quote', {
      params: { destinationCountry: request.destinationCountry, shippingMethod: request.shippingMethod },
    });
  }
}

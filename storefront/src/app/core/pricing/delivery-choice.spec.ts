import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { DeliveryChoice, countryName } from './delivery-choice';

describe('DeliveryChoice', () => {
  beforeEach(() => {
    sessionStorage.clear();
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
  });

  it('starts with the United States by standard shipping', () => {
    const choice = TestBed.inject(DeliveryChoice);
    expect([choice.country(), choice.shippingMethod()]).toEqual(['US', 'standard']);
  });

  it('keeps the choice for the visit', async () => {
    const choice = TestBed.inject(DeliveryChoice);
    choice.country.set('DE');
    choice.shippingMethod.set('express');
    TestBed.tick();
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
    const again = TestBed.inject(DeliveryChoice);
    expect([again.country(), again.shippingMethod()]).toEqual(['DE', 'express']);
  });

  it('ignores a saved choice that is not a country or a shipping method', () => {
    sessionStorage.setItem('shop.delivery', JSON.stringify({ country: 'XX', shippingMethod: 'drone' }));
    const choice = TestBed.inject(DeliveryChoice);
    expect([choice.country(), choice.shippingMethod()]).toEqual(['US', 'standard']);
  });

  it('names countries in English', () => {
    expect(countryName('DE')).toBe('Germany');
  });
});

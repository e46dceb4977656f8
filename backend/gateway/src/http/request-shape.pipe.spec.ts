import { ArgumentMetadata } from '@nestjs/common';
import { RequestShapePipe } from './request-shape.pipe';

class SomeDto {}
const pipe = new RequestShapePipe();
const body: ArgumentMetadata = { type: 'body', metatype: SomeDto };
const query: ArgumentMetadata = { type: 'query', metatype: SomeDto };
const param: ArgumentMetadata = { type: 'param', data: 'id', metatype: String };

describe('RequestShapePipe', () => {
  it('passes well-formed values through unchanged', () => {
    const value = { items: [{ productId: 'p1', quantity: 2 }], note: 'ok' };
    expect(pipe.transform(value, body)).toBe(value);
    expect(pipe.transform({ page: '2' }, query)).toEqual({ page: '2' });
    // No body at all is for the DTO to judge (an all-optional one accepts it).
    expect(pipe.transform(undefined, body)).toBeUndefined();
  });

  it.each([
    [[], 'The request body must be a JSON object, got an array'],
    [null, 'The request body must be a JSON object, got null'],
    ['abc', 'The request body must be a JSON object, got a string'],
  ])('refuses a body that is not an object (%p)', (value, message) => {
    expect(() => pipe.transform(value, body)).toThrow(message);
  });

  it('names every null, NUL character and prototype key in a body', () => {
    const hostile = JSON.parse(
      '{"items":[{"productId":null}],"name":"a\\u0000b","shipping":{"constructor":{"prototype":{}}}}',
    ) as unknown;
    expect(() => pipe.transform(hostile, body)).toThrow(
      'items.0.productId must not be null (leave an optional field out instead); name must not contain NUL ' +
        'characters; property shipping.constructor should not exist',
    );
  });

  it('refuses repeated query parameters, prototype keys and NUL characters in the query', () => {
    // As Fastify's query parser builds it: an object without prototype, `__proto__` an own key.
    const parsed = Object.create(null) as Record<string, unknown>;
    parsed.page = ['1', '2'];
    Object.defineProperty(parsed, '__proto__', { value: '1', enumerable: true });
    parsed.q = 'a\u0000';
    expect(() => pipe.transform(parsed, query)).toThrow(
      'query parameter page must be given once; property __proto__ should not exist; q must not contain NUL characters',
    );
  });

  it('refuses a NUL character in a path parameter', () => {
    expect(() => pipe.transform('a\u0000', param)).toThrow('id must not contain NUL characters');
  });
});

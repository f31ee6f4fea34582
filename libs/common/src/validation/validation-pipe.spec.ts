import type { ValidationError } from '@nestjs/common';
import { validationDetails } from './validation-pipe';

describe('validationDetails', () => {
  it('lists one detail per failed constraint with dotted paths into nested objects', () => {
    const errors: ValidationError[] = [
      { property: 'description', constraints: { isString: 'description must be a string' }, children: [] },
      {
        property: 'location',
        children: [
          {
            property: 'lng',
            constraints: { max: 'lng must not be greater than 180', isNumber: 'lng must be a number' },
            children: [],
          },
        ],
      },
    ];
    expect(validationDetails(errors)).toEqual([
      { field: 'description', reason: 'isString', message: 'description must be a string' },
      { field: 'location.lng', reason: 'max', message: 'lng must not be greater than 180' },
      { field: 'location.lng', reason: 'isNumber', message: 'lng must be a number' },
    ]);
  });
});

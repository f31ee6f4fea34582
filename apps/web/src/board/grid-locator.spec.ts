import type { Area } from '../api/api-types';
import { GridLocator } from './grid-locator';

const square = (code: string, [x, y]: [number, number], size = 1): Area => ({
  code,
  name: code,
  parentCode: null,
  bbox: [x, y, x + size, y + size],
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [x, y],
        [x + size, y],
        [x + size, y + size],
        [x, y + size],
        [x, y],
      ],
    ],
  },
});

describe('GridLocator', () => {
  const locator = new GridLocator([
    square('002', [1, 0]),
    square('001', [0, 0]),
    {
      ...square('003', [0, 1], 3),
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [0, 1],
            [3, 1],
            [3, 4],
            [0, 4],
            [0, 1],
          ],
          [
            [1, 2],
            [2, 2],
            [2, 3],
            [1, 3],
            [1, 2],
          ],
        ],
      },
    },
  ]);

  it('finds the unit grid holding a point', () => {
    expect(locator.locate([0.5, 0.5])).toBe('001');
    expect(locator.locate([1.5, 0.5])).toBe('002');
    expect(locator.locate([0.5, 3.5])).toBe('003');
  });

  it('gives a point on a shared edge to the smallest code, as the server does', () => {
    expect(locator.locate([1, 0.5])).toBe('001');
  });

  it('leaves out holes and points outside every grid', () => {
    expect(locator.locate([1.5, 2.5])).toBeNull();
    expect(locator.locate([5, 5])).toBeNull();
  });
});

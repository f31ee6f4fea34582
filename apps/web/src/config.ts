/** The city's time zone (TZ_CITY on the server): every date is shown in it, whatever the browser's zone. */
export const CITY_TIME_ZONE = 'Asia/Shanghai';

/** Where the map starts before the grids are loaded: the demo city. */
export const MAP_START = { center: [120.125, 30.28] as [number, number], zoom: 13 };

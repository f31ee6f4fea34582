export * from './demo-city';
export * from './demo-city.seeder';

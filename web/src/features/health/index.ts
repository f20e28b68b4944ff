// The health feature as the app and other features use it: only what is listed here is public;
// everything else under features/health is its own (biome.json refuses imports of it from outside).
export { HealthPage } from "./components/health-page.tsx";

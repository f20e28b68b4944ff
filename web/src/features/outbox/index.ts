// The outbox feature as the app and other features use it: only what is listed here is public;
// everything else under features/outbox is its own (biome.json refuses imports of it from outside).
export { outboxKeys } from "./api/outbox.ts";
export { OutboxPage } from "./components/outbox-page.tsx";

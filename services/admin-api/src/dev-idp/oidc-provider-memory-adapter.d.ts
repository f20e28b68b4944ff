// The memory adapter oidc-provider uses by default, named explicitly by the development provider
// (the package ships no types for its files).
declare module "oidc-provider/lib/adapters/memory_adapter.js" {
  export function createMemoryAdapter(clockToleranceSeconds: number): unknown;
}

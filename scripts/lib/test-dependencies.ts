// Further real dependencies the test suites need, started once per test run.
export interface StartedDependency {
  name: string;
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startTestDependencies(_options: { root: string; runDir: string }): Promise<StartedDependency[]> {
  return [];
}

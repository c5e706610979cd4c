export function isExecutable(file: string): boolean;
export function onPath(name: string, env: NodeJS.ProcessEnv): string | null;
export function canInstallWithApt(env?: NodeJS.ProcessEnv): boolean;
export function aptInstall(packages: readonly string[], log: (line: string) => void): void;

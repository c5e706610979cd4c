import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Screen } from './screens';

export interface ShellState {
  screen: Screen;
  show(screen: Screen): void;
}

export type ShellStore = StoreApi<ShellState>;

export function createShellStore(initial: Screen = 'receive'): ShellStore {
  return createStore<ShellState>()((set) => ({
    screen: initial,
    show: (screen) => set({ screen }),
  }));
}

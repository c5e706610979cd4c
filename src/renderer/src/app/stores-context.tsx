import { createContext, useContext } from 'react';
import { useStore, type StoreApi } from 'zustand';
import type { AppStores } from './app-stores';

const StoresContext = createContext<AppStores | null>(null);

export const StoresProvider = StoresContext.Provider;

export function useStores(): AppStores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('useStores outside <StoresProvider>');
  return stores;
}

type StateOf<S> = S extends StoreApi<infer T> ? T : never;

/** Reads one feature's store with a selector; re-renders only when the selected value changes. */
export function useFeature<K extends keyof AppStores, T>(
  name: K,
  selector: (state: StateOf<AppStores[K]>) => T,
): T {
  const store = useStores()[name] as unknown as StoreApi<StateOf<AppStores[K]>>;
  return useStore<StoreApi<StateOf<AppStores[K]>>, T>(store, selector);
}

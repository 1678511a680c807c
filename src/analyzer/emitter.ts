import type * as TE from 'typed-emitter';

/**
 * The typed event emitter interface of typed-emitter 2.1, inlined into our declarations at
 * build time so consumers never install it (nor its optional rxjs).
 */
export type TypedEmitter<Events extends TE.EventMap> = TE.default<Events>;

type Listener = (...args: never[]) => void;

/**
 * @internal Flags the emitter keeps true while an event has listeners, for the events present
 * in it: the analyzer asks per line and per event, and a field read is cheaper than
 * `listenerCount` (a `Map` lookup).
 */
export type Listening<Events extends TE.EventMap> = { [K in keyof Events]?: boolean };

/**
 * A dependency-free emitter implementing {@link TypedEmitter} on a `Map` of listener lists,
 * so the core needs no `node:events` and runs in any runtime.
 *
 * @param listening - Flags to keep in sync with the listener lists (see {@link Listening}).
 * @internal
 */
export function createEmitter<Events extends TE.EventMap>(
  listening: Listening<Events> = {},
): TypedEmitter<Events> {
  const listeners = new Map<keyof Events, Listener[]>();
  const sync = (event: keyof Events | undefined): void => {
    for (const name of Object.keys(listening) as (keyof Events)[]) {
      if (event === undefined || name === event) listening[name] = listeners.has(name);
    }
  };
  let maxListeners = 10;
  // once() wrappers remember their listener, so off(event, listener) removes them too.
  const originals = new WeakMap<Listener, Listener>();

  const add = (event: keyof Events, listener: Listener, prepend: boolean): void => {
    const list = listeners.get(event) ?? [];
    if (prepend) list.unshift(listener);
    else list.push(listener);
    listeners.set(event, list);
    sync(event);
  };
  const remove = (event: keyof Events, listener: Listener): void => {
    const list = listeners.get(event);
    if (list === undefined) return;
    let index = list.length - 1;
    while (
      index >= 0 &&
      list[index] !== listener &&
      originals.get(list[index] as Listener) !== listener
    ) {
      index--;
    }
    if (index !== -1) list.splice(index, 1);
    if (list.length === 0) listeners.delete(event);
    sync(event);
  };
  const onceWrapper = (event: keyof Events, listener: Listener): Listener => {
    const wrapped = (...args: never[]): void => {
      remove(event, wrapped);
      listener(...args);
    };
    originals.set(wrapped, listener);
    return wrapped;
  };

  const emitter: TypedEmitter<Events> = {
    addListener: (event, listener) => {
      add(event, listener, false);
      return emitter;
    },
    on: (event, listener) => {
      add(event, listener, false);
      return emitter;
    },
    once: (event, listener) => {
      add(event, onceWrapper(event, listener), false);
      return emitter;
    },
    prependListener: (event, listener) => {
      add(event, listener, true);
      return emitter;
    },
    prependOnceListener: (event, listener) => {
      add(event, onceWrapper(event, listener), true);
      return emitter;
    },
    off: (event, listener) => {
      remove(event, listener);
      return emitter;
    },
    removeListener: (event, listener) => {
      remove(event, listener);
      return emitter;
    },
    removeAllListeners: (event) => {
      if (event === undefined) listeners.clear();
      else listeners.delete(event);
      sync(event);
      return emitter;
    },
    emit: (event, ...args) => {
      const list = listeners.get(event);
      if (list === undefined) return false;
      // A copy, so listeners that unsubscribe while running do not skip their neighbours.
      for (const listener of [...list]) (listener as (...a: unknown[]) => void)(...args);
      return true;
    },
    eventNames: () => [...listeners.keys()],
    rawListeners: (event) => [...(listeners.get(event) ?? [])] as Events[typeof event][],
    listeners: (event) => [...(listeners.get(event) ?? [])] as Events[typeof event][],
    listenerCount: (event) => listeners.get(event)?.length ?? 0,
    getMaxListeners: () => maxListeners,
    setMaxListeners: (n) => {
      maxListeners = n;
      return emitter;
    },
  };
  return emitter;
}

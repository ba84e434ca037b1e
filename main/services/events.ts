import type { EventChannel, EventOf } from '../shared/contract';

export type EventListener = <E extends EventChannel>(event: E, payload: EventOf<E>) => void;

/** Main's events fan out to every window (Electron), every socket (serve) and the taskbar. */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventChannel>(event: E, payload: EventOf<E>): void {
    for (const listener of this.listeners) listener(event, payload);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

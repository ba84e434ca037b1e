/// <reference types="vite/client" />
import type { Gr2rBridge } from '../../main/shared/contract';

declare global {
  interface Window {
    /** Set by the Electron preload; absent when the page is served by `gr2r serve`. */
    readonly gr2r?: Gr2rBridge;
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

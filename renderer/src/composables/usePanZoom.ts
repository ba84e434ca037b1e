import type { Ref } from 'vue';
import { computed, ref } from 'vue';
import type { Crop } from '../../../main/shared/job-contract';

export interface Size {
  readonly width: number;
  readonly height: number;
}

const MIN_SCALE = 0.02;
const MAX_SCALE = 32;

/**
 * One view transform (scale, then offset in screen pixels) for every pane that shows the image, so zoom and
 * pan stay locked together. 100% is one image pixel per device pixel.
 */
export function usePanZoom(viewport: Ref<HTMLElement | null>, image: Ref<Size | null>) {
  const scale = ref(1);
  const x = ref(0);
  const y = ref(0);
  const dpr = () => window.devicePixelRatio || 1;
  const zoomPercent = computed(() => Math.round(scale.value * dpr() * 100));
  let drag: { id: number; x: number; y: number } | null = null;

  const paneSize = (): Size => ({ width: viewport.value?.clientWidth ?? 0, height: viewport.value?.clientHeight ?? 0 });

  function zoomAt(next: number, cx: number, cy: number): void {
    const s = Math.min(MAX_SCALE, Math.max(MIN_SCALE, next));
    x.value = cx - ((cx - x.value) * s) / scale.value;
    y.value = cy - ((cy - y.value) * s) / scale.value;
    scale.value = s;
  }

  function center(s: number): void {
    const pane = paneSize();
    const img = image.value ?? { width: 0, height: 0 };
    scale.value = s;
    x.value = (pane.width - img.width * s) / 2;
    y.value = (pane.height - img.height * s) / 2;
  }

  function fit(): void {
    const pane = paneSize();
    const img = image.value;
    if (!img || pane.width === 0) return;
    center(Math.min(pane.width / img.width, pane.height / img.height, 8 / dpr()) * 0.96);
  }

  /** The image point at the pane's centre. */
  function centrePoint(): { x: number; y: number } {
    const pane = paneSize();
    return { x: (pane.width / 2 - x.value) / scale.value, y: (pane.height / 2 - y.value) / scale.value };
  }

  /** Puts an image point at the pane's centre, the zoom kept (a pane that changed size keeps what it showed). */
  function centreOn(point: { x: number; y: number }): void {
    const pane = paneSize();
    x.value = pane.width / 2 - point.x * scale.value;
    y.value = pane.height / 2 - point.y * scale.value;
  }

  function actualSize(): void {
    const pane = paneSize();
    zoomAt(1 / dpr(), pane.width / 2, pane.height / 2);
  }

  function zoomBy(factor: number): void {
    const pane = paneSize();
    zoomAt(scale.value * factor, pane.width / 2, pane.height / 2);
  }

  function onWheel(event: WheelEvent): void {
    const rect = (event.currentTarget as HTMLElement).getBoundingClientRect();
    zoomAt(scale.value * Math.exp(-event.deltaY * 0.0015), event.clientX - rect.left, event.clientY - rect.top);
  }

  function onPointerDown(event: PointerEvent): void {
    if (event.button !== 0) return;
    (event.currentTarget as HTMLElement).setPointerCapture?.(event.pointerId);
    drag = { id: event.pointerId, x: event.clientX, y: event.clientY };
  }

  function onPointerMove(event: PointerEvent): void {
    if (!drag || drag.id !== event.pointerId) return;
    x.value += event.clientX - drag.x;
    y.value += event.clientY - drag.y;
    drag = { id: event.pointerId, x: event.clientX, y: event.clientY };
  }

  function onPointerUp(): void {
    drag = null;
  }

  /** The part of the image on screen, at most `max` pixels a side around the middle of the view. */
  function visibleCrop(max = 512): Crop | null {
    const img = image.value;
    const pane = paneSize();
    if (!img) return null;
    const cx = (pane.width / 2 - x.value) / scale.value;
    const cy = (pane.height / 2 - y.value) / scale.value;
    const w = Math.min(max, img.width, Math.ceil(pane.width / scale.value));
    const h = Math.min(max, img.height, Math.ceil(pane.height / scale.value));
    const left = Math.round(Math.min(img.width - w, Math.max(0, cx - w / 2)));
    const top = Math.round(Math.min(img.height - h, Math.max(0, cy - h / 2)));
    return { x: left, y: top, width: Math.max(1, w), height: Math.max(1, h) };
  }

  const transform = computed(() => `translate(${x.value}px, ${y.value}px) scale(${scale.value})`);

  return {
    scale,
    x,
    y,
    zoomPercent,
    transform,
    fit,
    centrePoint,
    centreOn,
    actualSize,
    zoomBy,
    onWheel,
    onPointerDown,
    onPointerMove,
    onPointerUp,
    visibleCrop,
  };
}

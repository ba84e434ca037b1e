import type { Ref } from 'vue';
import { nextTick, onBeforeUnmount, onMounted, watch } from 'vue';

const FOCUSABLE =
  'button:not([disabled]), input:not([disabled]), select:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Desktop dialog manners: focus moves into the dialog when it opens (its `[data-autofocus]` element, else the
 * first control), and back inside when `contentKey` changes; Esc closes it, and focus goes back where it was.
 */
export function useDialog(
  root: Ref<HTMLElement | null>,
  isOpen: () => boolean,
  close: () => void,
  contentKey?: () => unknown,
): void {
  let previous: Element | null = null;
  const focusInside = () => {
    const target =
      root.value?.querySelector<HTMLElement>('[data-autofocus]:not([disabled])') ??
      root.value?.querySelector<HTMLElement>(FOCUSABLE);
    target?.focus();
  };
  // New content (a folder opened in a picker) replaces the control that had the focus: bring it back inside.
  if (contentKey) {
    watch(contentKey, async () => {
      await nextTick();
      if (isOpen() && !root.value?.contains(document.activeElement)) focusInside();
    });
  }
  const onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !isOpen()) return;
    event.preventDefault();
    event.stopPropagation();
    close();
  };
  watch(
    isOpen,
    async (open) => {
      if (open) {
        previous = document.activeElement;
        await nextTick();
        focusInside();
      } else if (previous instanceof HTMLElement && previous.isConnected) {
        previous.focus();
        previous = null;
      }
    },
    { immediate: true },
  );
  onMounted(() => window.addEventListener('keydown', onKey, true));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey, true));
}

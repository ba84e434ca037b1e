import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';

function carriesFiles(event: DragEvent): boolean {
  return [...(event.dataTransfer?.types ?? [])].includes('Files');
}

/**
 * Files and folders dragged from the system onto the window: `dragging` while they hover (for the overlay), and
 * `onDrop` with what was dropped. Every file drag is taken here, so that a drop never navigates the page away.
 */
export function useFileDrop(onDrop: (files: File[]) => void): { dragging: Ref<boolean> } {
  const dragging = ref(false);
  // dragenter/dragleave fire for every child crossed: count them to know when the drag has left the window.
  let depth = 0;
  const enter = (event: DragEvent) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    depth++;
    dragging.value = true;
  };
  const over = (event: DragEvent) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  };
  const leave = (event: DragEvent) => {
    if (!carriesFiles(event)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) dragging.value = false;
  };
  const drop = (event: DragEvent) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    depth = 0;
    dragging.value = false;
    const files = [...(event.dataTransfer?.files ?? [])];
    if (files.length > 0) onDrop(files);
  };
  const listeners = { dragenter: enter, dragover: over, dragleave: leave, drop } as const;
  onMounted(() =>
    Object.entries(listeners).forEach(([name, listener]) => window.addEventListener(name, listener as EventListener)),
  );
  onBeforeUnmount(() =>
    Object.entries(listeners).forEach(([name, listener]) =>
      window.removeEventListener(name, listener as EventListener),
    ),
  );
  return { dragging };
}

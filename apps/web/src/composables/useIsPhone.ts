import { onBeforeUnmount, ref } from 'vue';

/** True at phone widths (≤ 768 px): the menu becomes a drawer, tables become cards, labels go above fields. */
export function useIsPhone() {
  const query = window.matchMedia('(max-width: 768px)');
  const isPhone = ref(query.matches);
  const update = (event: MediaQueryListEvent) => (isPhone.value = event.matches);
  query.addEventListener('change', update);
  onBeforeUnmount(() => query.removeEventListener('change', update));
  return isPhone;
}

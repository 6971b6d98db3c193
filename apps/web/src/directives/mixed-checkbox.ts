import type { Directive } from 'vue';

/**
 * For an indeterminate el-checkbox: Element Plus writes aria-checked="mixed" on the checkbox's wrapper <label>,
 * where ARIA does not allow it (axe: aria-allowed-attr, critical); the native input inside already tells a screen
 * reader "mixed" through its indeterminate state. This takes the attribute off the wrapper after every render.
 */
function dropWrapperAriaChecked(element: HTMLElement): void {
  if (element.hasAttribute('aria-checked')) element.removeAttribute('aria-checked');
}

export const vMixedCheckbox: Directive<HTMLElement> = {
  mounted: dropWrapperAriaChecked,
  updated: dropWrapperAriaChecked,
};

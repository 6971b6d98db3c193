import type { Directive } from 'vue';

/**
 * A table's scrolling body can be scrolled by keyboard too (WCAG 2.1.1; axe's scrollable-region-focusable): Element
 * Plus's el-table draws its body in a scrollbar wrapper that takes no focus, and a section's rows carry no links.
 */
function mark(element: HTMLElement) {
  element.querySelectorAll<HTMLElement>('.el-scrollbar__wrap').forEach((wrap) => {
    if (!wrap.hasAttribute('tabindex')) wrap.setAttribute('tabindex', '0');
  });
}

export const vFocusableScroll: Directive<HTMLElement> = { mounted: mark, updated: mark };

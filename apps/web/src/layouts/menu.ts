import type { RouteRecordRaw } from 'vue-router';
import type { Role } from '@/composables/useSession';

export interface MenuEntry {
  name: string;
  path: string;
  title: string;
  icon: string;
  order: number;
  group?: string;
}

/** Headings of menu groups shown under one title (the admin pages under 系统管理); other groups stay flat. */
export const MENU_GROUP_TITLES: Record<string, string> = { admin: '系统管理' };

/** The menu in sections: entries without a titled group first (in order), then each titled group. */
export function menuSections(entries: readonly MenuEntry[]): Array<{ title?: string; entries: MenuEntry[] }> {
  const sections: Array<{ title?: string; entries: MenuEntry[] }> = [{ entries: entries.filter((entry) => !entry.group || !MENU_GROUP_TITLES[entry.group]) }];
  for (const [group, title] of Object.entries(MENU_GROUP_TITLES)) {
    const grouped = entries.filter((entry) => entry.group === group);
    if (grouped.length > 0) sections.push({ title, entries: grouped });
  }
  return sections;
}

/** The left menu of a role: the routes with a menu entry that the role may open, in their order. */
export function menuFor(role: Role, routes: readonly RouteRecordRaw[], base = ''): MenuEntry[] {
  return routes
    .flatMap((route): MenuEntry[] => {
      const path = `${base}/${route.path}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
      const children = route.children ? menuFor(role, route.children, path) : [];
      const meta = route.meta;
      const own =
        meta?.menu && typeof route.name === 'string' && (!meta.roles || meta.roles.includes(role))
          ? [{ name: route.name, path, title: meta.title ?? route.name, icon: meta.menu.icon, order: meta.menu.order, group: meta.menu.group }]
          : [];
      return [...own, ...children];
    })
    .sort((a, b) => a.order - b.order);
}

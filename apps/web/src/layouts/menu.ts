import type { RouteRecordRaw } from 'vue-router';
import type { Role } from '@/composables/useSession';

export interface MenuEntry {
  name: string;
  path: string;
  title: string;
  icon: string;
  order: number;
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
          ? [{ name: route.name, path, title: meta.title ?? route.name, icon: meta.menu.icon, order: meta.menu.order }]
          : [];
      return [...own, ...children];
    })
    .sort((a, b) => a.order - b.order);
}

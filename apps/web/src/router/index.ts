/**
 * History-mode router with the sign-in guard: a page needs a session (else → /login?redirect=<where they were>),
 * and a role the page allows (else → the dashboard). The API also answers 401 when a session expires mid-work:
 * the client's handler sends the user to sign in and back to the same page.
 */
import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router';
import { CSRF_COOKIE, handleUnauthenticated, readCookie } from '@/api/client';
import { useSession } from '@/composables/useSession';
import { routes } from './routes';

export const router = createRouter({
  history: createWebHistory('/'),
  routes,
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
});

const session = useSession();

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  prefetchPages(to);
  const user = await session.load();
  if (!user) return { name: 'login', query: { redirect: to.fullPath } };
  if (to.meta.roles && !to.meta.roles.includes(user.role)) return { name: 'dashboard' };
  return true;
});

/**
 * Starts loading the code of the pages a navigation will show while the session is being checked, instead of after
 * it: one round trip less before a page can ask for its data (the router would import them after the guards).
 * Only when a session is likely. Our route components are all lazy imports (() => import(...)); the router's own
 * later import finds them loaded.
 */
function prefetchPages(to: RouteLocationNormalized) {
  // Without the CSRF cookie there is no session: the visitor is on the way to the login page, which needs none of it.
  if (!readCookie(document.cookie, CSRF_COOKIE)) return;
  for (const record of to.matched) {
    const component = record.components?.default;
    if (typeof component === 'function' && component.length === 0 && !('setup' in component) && !('render' in component)) {
      void (component as () => Promise<unknown>)().catch(() => undefined);
    }
  }
}

router.afterEach((to) => {
  const system = document.querySelector('meta[name="application-name"]')?.getAttribute('content') ?? '';
  document.title = to.meta.title ? `${to.meta.title} - ${system}` : system;
});

handleUnauthenticated(() => {
  const current = router.currentRoute.value;
  session.expire();
  if (current.name !== 'login') void router.replace({ name: 'login', query: { redirect: current.fullPath, expired: '1' } });
});

/** Where to go after signing in: the page they came from, if it is one of ours. */
export function safeRedirect(target: unknown): string {
  return typeof target === 'string' && target.startsWith('/') && !target.startsWith('//') && !target.startsWith('/login') ? target : '/';
}

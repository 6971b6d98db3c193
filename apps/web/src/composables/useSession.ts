/**
 * Who is signed in (the session cookie is HttpOnly, so the page asks GET /auth/me), their unit's name, and what
 * their role may do in the workbench. One reactive store for the shell, the router guard and the pages.
 */
import { computed, reactive } from 'vue';
import { api, unwrap } from '@/api/client';

export type Role = 'admin' | 'supervisor' | 'department_editor' | 'viewer' | 'leader';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  departmentId: string | null;
  departmentName: string | null;
}

const state = reactive<{ user: SessionUser | null; checked: boolean }>({ user: null, checked: false });

interface MeBody {
  id: string;
  name?: string;
  username?: string;
  displayName?: string;
  role: Role | null;
  departmentId: string | null;
  departmentName?: string | null;
}

async function departmentName(id: string | null): Promise<string | null> {
  if (!id) return null;
  try {
    const departments = await unwrap(api.GET('/api/v1/departments'));
    return departments.find((department) => department.id === id)?.name ?? null;
  } catch {
    return null;
  }
}

async function toUser(me: MeBody): Promise<SessionUser> {
  const username = me.username ?? me.name ?? '';
  return {
    id: me.id,
    username,
    displayName: me.displayName ?? username,
    role: (me.role ?? 'viewer') as Role,
    departmentId: me.departmentId,
    departmentName: me.departmentName ?? (await departmentName(me.departmentId)),
  };
}

export function useSession() {
  return {
    state,
    user: computed(() => state.user),
    /** Reads the current session once per page load (and after sign-in). */
    async load(force = false): Promise<SessionUser | null> {
      if (state.checked && !force) return state.user;
      try {
        const me = (await unwrap(api.GET('/api/v1/auth/me'))) as unknown as MeBody;
        state.user = me && me.id ? await toUser(me) : null;
      } catch {
        state.user = null;
      }
      state.checked = true;
      return state.user;
    },
    async signIn(username: string, password: string): Promise<SessionUser> {
      const body = (await unwrap(
        (api.POST as unknown as (path: string, init: { body: unknown }) => Promise<{ data?: unknown; error?: unknown; response: Response }>)(
          '/api/v1/auth/session',
          { body: { username, password } },
        ),
      )) as { user: MeBody };
      state.user = await toUser(body.user);
      state.checked = true;
      return state.user;
    },
    async signOut(): Promise<void> {
      try {
        await (api.POST as unknown as (path: string) => Promise<unknown>)('/api/v1/auth/logout');
      } finally {
        state.user = null;
        state.checked = true;
      }
    },
    /** The session ended on the server (401): forget the user; the router sends them to sign in. */
    expire(): void {
      state.user = null;
      state.checked = true;
    },
  };
}

/** What a role may do in the UI (the API enforces the same and more; this only hides what would be refused). */
export function canEditProject(user: SessionUser | null, ownerUnitId: string | null | undefined): boolean {
  if (!user) return false;
  if (user.role === 'admin') return true;
  return user.role === 'department_editor' && !!ownerUnitId && ownerUnitId === user.departmentId;
}

export function seesWholePortfolio(user: SessionUser | null): boolean {
  return !!user && user.role !== 'department_editor';
}

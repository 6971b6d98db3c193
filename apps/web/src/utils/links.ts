/**
 * Where a notification's link leads inside the workbench: the API and the worker write absolute links
 * (PUBLIC_BASE_URL + /notices/<id>, /projects/<id>; the worker's notice reminders say /supervision-notices/<id>);
 * the bell and the inbox follow them in the app, whatever host the link names.
 */
const IN_APP = [/^\/notices\/[0-9a-f-]{36}$/i, /^\/supervision-notices\/[0-9a-f-]{36}$/i, /^\/projects\/[0-9a-f-]{36}$/i];

export function inAppPath(link: string | null | undefined, projectId?: string | null): string | null {
  if (link) {
    try {
      const path = new URL(link, 'http://app.invalid').pathname.replace(/\/+$/, '');
      if (IN_APP.some((pattern) => pattern.test(path))) return path.replace(/^\/supervision-notices\//, '/notices/');
    } catch {
      /* not a URL: fall back to the project */
    }
  }
  return projectId ? `/projects/${projectId}` : null;
}

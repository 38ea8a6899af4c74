// Matching a method and path to a route: unknown paths are 404, known paths with another
// method 405 with `Allow`, both as JSON.
import type { Route } from './context.js';
import { error, type Reply } from './reply.js';

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  names: string[];
}

export type RouteMatch = { ok: true; route: Route; params: Record<string, string> } | { ok: false; reply: Reply };

export class Router {
  private readonly compiled: CompiledRoute[];

  constructor(routes: readonly Route[]) {
    this.compiled = routes.map((route) => {
      const names: string[] = [];
      const source = route.path
        .split('/')
        .map((segment) => {
          const param = /^\{(\w+)\}$/.exec(segment);
          if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          names.push(param[1]!);
          return '([^/]+)';
        })
        .join('/');
      return { route, pattern: new RegExp(`^${source}$`), names };
    });
  }

  match(method: string, path: string): RouteMatch {
    const allowed: string[] = [];
    for (const { route, pattern, names } of this.compiled) {
      const m = pattern.exec(path);
      if (!m) continue;
      if (route.method !== method) {
        allowed.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      for (const [i, name] of names.entries()) {
        const raw = m[i + 1]!;
        try {
          params[name] = decodeURIComponent(raw);
        } catch {
          return { ok: false, reply: error(400, `Malformed path parameter ${name}`) };
        }
      }
      return { ok: true, route, params };
    }
    if (allowed.length > 0) return { ok: false, reply: error(405, 'Method Not Allowed', { allow: allowed.join(', ') }) };
    return { ok: false, reply: error(404, 'Not Found') };
  }
}

import * as React from 'react';

import type { IProjectsApi } from '../../api/projects';
import type {
  EarthEngineReadiness,
  ProjectServices,
  ProjectSummary
} from '../../core/projects';
import { toShownError, type IShownError } from './errors';
import { useLatest } from './hooks';
import type { ServicesLoad } from './ServicesView';

export interface IListing {
  items: ProjectSummary[];
  /** Every project loaded while the selector is open, for any query (narrowed locally). */
  known: ProjectSummary[];
  next: string | null;
  account: string | null;
  loading: boolean;
  error: IShownError | null;
  loadMore(): void;
  retry(): void;
}

/**
 * Pages of `GET projects` for one query. A new query starts over; "load more" appends the
 * next page, so the list grows only as far as the user asks (thousands stay cheap).
 */
export function useProjectListing(
  api: IProjectsApi,
  query: string,
  pageSize: number
): IListing {
  const [items, setItems] = React.useState<ProjectSummary[]>([]);
  const [known, setKnown] = React.useState<ProjectSummary[]>([]);
  const [next, setNext] = React.useState<string | null>(null);
  const [account, setAccount] = React.useState<string | null>(null);
  const [loading, setLoading] = React.useState(true);
  const [error, setError] = React.useState<IShownError | null>(null);
  const [attempt, setAttempt] = React.useState(0);
  const begin = useLatest();

  const fetchPage = React.useCallback(
    (pageToken: string | null) => {
      const current = begin();
      setLoading(true);
      setError(null);
      api.listProjects({ query, pageToken, pageSize }).then(
        page => {
          if (!current()) {
            return;
          }
          setItems(old =>
            pageToken ? [...old, ...page.projects] : page.projects
          );
          setKnown(old => {
            const ids = new Set(old.map(p => p.project_id));
            const fresh = page.projects.filter(p => !ids.has(p.project_id));
            return fresh.length ? [...old, ...fresh] : old;
          });
          setNext(page.next_page_token ?? null);
          setAccount(page.account ?? null);
          setLoading(false);
        },
        reason => {
          if (current()) {
            setError(toShownError(reason));
            setLoading(false);
          }
        }
      );
    },
    [api, query, pageSize, begin]
  );

  React.useEffect(() => {
    setItems([]);
    setNext(null);
    fetchPage(null);
  }, [fetchPage, attempt]);

  return {
    items,
    known,
    next,
    account,
    loading,
    error,
    loadMore: () => next && !loading && fetchPage(next),
    retry: () => setAttempt(a => a + 1)
  };
}

/** Something about a project, fetched once the highlight rests on it, then cached. */
function usePerProject<T>(
  fetch: ((project: string) => Promise<T>) | null,
  project: string | null,
  delay: number
): { current: T | 'loading' | IShownError | undefined; all: Map<string, T> } {
  const [cache, setCache] = React.useState<
    Map<string, T | 'loading' | IShownError>
  >(new Map());
  const put = (id: string, value: T | 'loading' | IShownError) =>
    setCache(old => new Map(old).set(id, value));

  React.useEffect(() => {
    if (!fetch || !project || cache.has(project)) {
      return;
    }
    const timer = setTimeout(() => {
      put(project, 'loading');
      fetch(project).then(
        reply => put(project, reply),
        reason => put(project, toShownError(reason))
      );
    }, delay);
    return () => clearTimeout(timer);
    // The cache is read, not watched: a new entry must not restart the timer.
  }, [fetch, project, delay]);

  const all = React.useMemo(() => {
    const done = new Map<string, T>();
    cache.forEach((value, id) => {
      if (value !== 'loading' && !(value as IShownError).message) {
        done.set(id, value as T);
      }
    });
    return done;
  }, [cache]);
  return { current: project ? cache.get(project) : undefined, all };
}

/** API states of the highlighted project. */
export function useServices(
  api: IProjectsApi,
  project: string | null,
  delay: number
): ServicesLoad | undefined {
  const fetch = React.useCallback((id: string) => api.services(id), [api]);
  return usePerProject<ProjectServices>(fetch, project, delay).current;
}

export type ReadinessLoad = EarthEngineReadiness | 'loading' | IShownError;

/**
 * Earth Engine readiness of the highlighted project (when `enabled`: an Earth Engine sign-in),
 * and of every project checked so far, for the list's badges.
 */
export function useEarthEngine(
  api: IProjectsApi,
  project: string | null,
  delay: number,
  enabled: boolean
): {
  current: ReadinessLoad | undefined;
  all: Map<string, EarthEngineReadiness>;
} {
  const fetch = React.useMemo(
    () =>
      enabled && api.earthEngine ? (id: string) => api.earthEngine!(id) : null,
    [api, enabled]
  );
  return usePerProject<EarthEngineReadiness>(fetch, project, delay);
}

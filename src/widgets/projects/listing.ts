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
  delay: number,
  /** Answers already fetched elsewhere (the list's readiness): not asked again. */
  seed?: Map<string, T>
): { current: T | 'loading' | IShownError | undefined; all: Map<string, T> } {
  const [cache, setCache] = React.useState<
    Map<string, T | 'loading' | IShownError>
  >(new Map());
  const put = (id: string, value: T | 'loading' | IShownError) =>
    setCache(old => new Map(old).set(id, value));

  React.useEffect(() => {
    if (!fetch || !project || cache.has(project) || seed?.has(project)) {
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
  }, [fetch, project, delay, seed]);

  const all = React.useMemo(() => {
    const done = new Map<string, T>(seed ?? []);
    cache.forEach((value, id) => {
      if (value !== 'loading' && !(value as IShownError).message) {
        done.set(id, value as T);
      }
    });
    return done;
  }, [cache, seed]);
  const current = project
    ? (cache.get(project) ?? seed?.get(project))
    : undefined;
  return { current, all };
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
  enabled: boolean,
  listed?: Map<string, EarthEngineReadiness>
): {
  current: ReadinessLoad | undefined;
  all: Map<string, EarthEngineReadiness>;
} {
  const fetch = React.useMemo(
    () =>
      enabled && api.earthEngine ? (id: string) => api.earthEngine!(id) : null,
    [api, enabled]
  );
  return usePerProject<EarthEngineReadiness>(fetch, project, delay, listed);
}

/** How many of the first listed projects are checked for Earth Engine before any is chosen. */
export const READINESS_AHEAD = 8;

/**
 * Earth Engine readiness of the first listed projects, asked one at a time (a person's
 * Google calls are capped on the server), so the ready ones can come first.
 */
export function useListReadiness(
  api: IProjectsApi,
  projects: readonly string[],
  enabled: boolean
): Map<string, EarthEngineReadiness> {
  const [known, setKnown] = React.useState(
    () => new Map<string, EarthEngineReadiness>()
  );
  const asked = React.useRef(new Set<string>());
  const wanted = projects.slice(0, READINESS_AHEAD).join(' ');
  React.useEffect(() => {
    if (!enabled || !api.earthEngine || !wanted) {
      return;
    }
    let live = true;
    const run = async () => {
      for (const id of wanted.split(' ')) {
        if (!live) {
          return;
        }
        if (asked.current.has(id)) {
          continue;
        }
        asked.current.add(id);
        try {
          const answer = await api.earthEngine!(id);
          if (answer.state !== 'unknown') {
            setKnown(old => new Map(old).set(id, answer));
          }
        } catch {
          // Said where the project is highlighted; the list keeps its order.
        }
      }
    };
    void run();
    return () => {
      live = false;
    };
  }, [api, enabled, wanted]);
  return known;
}

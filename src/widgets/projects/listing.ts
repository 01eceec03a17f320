import * as React from 'react';

import type { IProjectsApi } from '../../api/projects';
import type { ProjectServices, ProjectSummary } from '../../core/projects';
import { toShownError, type IShownError } from './errors';
import { useLatest } from './hooks';
import type { ServicesLoad } from './ServicesView';

export interface IListing {
  items: ProjectSummary[];
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
    next,
    account,
    loading,
    error,
    loadMore: () => next && !loading && fetchPage(next),
    retry: () => setAttempt(a => a + 1)
  };
}

/** API states per project, fetched once the highlight rests on it, then cached. */
export function useServices(
  api: IProjectsApi,
  project: string | null,
  delay: number
): ServicesLoad | undefined {
  const [cache, setCache] = React.useState<Map<string, ServicesLoad>>(
    new Map()
  );
  const put = (id: string, value: ServicesLoad) =>
    setCache(old => new Map(old).set(id, value));

  React.useEffect(() => {
    if (!project || cache.has(project)) {
      return;
    }
    const timer = setTimeout(() => {
      put(project, 'loading');
      api.services(project).then(
        (reply: ProjectServices) => put(project, reply),
        reason => put(project, toShownError(reason))
      );
    }, delay);
    return () => clearTimeout(timer);
    // The cache is read, not watched: a new entry must not restart the timer.
  }, [api, project, delay]);

  return project ? cache.get(project) : undefined;
}

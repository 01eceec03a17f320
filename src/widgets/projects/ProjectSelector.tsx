import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { IProjectsApi } from '../../api/projects';
import {
  mergeProjects,
  moveHighlight,
  normalizeQuery,
  readyFirst,
  type SetProjectResult
} from '../../core/projects';
import {
  deriveStatus,
  projectWords,
  signedInForEarthEngine,
  type Status
} from '../../core/status';
import { ChoiceNotice, needsNotice } from './ChoiceNotice';
import { EarthEngineView } from './EarthEngineView';
import { toShownError, type IShownError } from './errors';
import { useDebounced } from './hooks';
import { ProjectProblem } from './ProjectProblem';
import { optionId, ProjectList } from './ProjectList';
import {
  useEarthEngine,
  useListReadiness,
  useProjectListing,
  useServices
} from './listing';
import { ManualProject } from './ManualProject';
import { ServicesView } from './ServicesView';

export interface IProjectSelectorProps {
  api: IProjectsApi;
  trans: TranslationBundle;
  /** Called once the server wrote the project. */
  onChosen(result: SetProjectResult, gcloud: boolean): void;
  onSignOut?(): void;
  /** Resolves once the host dialog has placed its initial focus (which must not win). */
  ready?: Promise<void>;
  pageSize?: number;
  debounceMs?: number;
  servicesDelayMs?: number;
}

// Keys the search box leaves to the list; Home/End keep moving the caret in the text.
const LIST_KEYS = ['ArrowDown', 'ArrowUp', 'PageDown', 'PageUp'];

/**
 * Search the user's projects, see the APIs of the highlighted one, and choose one (or type an
 * id). The search box is a combobox: focus stays in it while the arrows move the highlight.
 */
export function ProjectSelector(props: IProjectSelectorProps): JSX.Element {
  const { api, trans, pageSize = 50, debounceMs = 300 } = props;
  const [query, setQuery] = React.useState('');
  const settled = useDebounced(normalizeQuery(query), debounceMs);
  const listing = useProjectListing(api, settled, pageSize);
  const [recent, setRecent] = React.useState<string[]>([]);
  const [current, setCurrent] = React.useState<Status | null>(null);
  const [highlightId, setHighlightId] = React.useState<string | null>(null);
  const [gcloud, setGcloud] = React.useState(false);
  const [saving, setSaving] = React.useState<string | null>(null);
  const [saveError, setSaveError] = React.useState<
    (IShownError & { manual: boolean }) | null
  >(null);
  const [forEarthEngine, setForEarthEngine] = React.useState(false);
  // A choice only partly written or not ready: said while the selector stays open.
  const [notice, setNotice] = React.useState<{
    result: SetProjectResult;
    gcloud: boolean;
  } | null>(null);
  const manualRef = React.useRef<HTMLInputElement>(null);
  const listId = React.useId();

  React.useEffect(() => {
    api.recentProjects().then(setRecent, () => setRecent([]));
    api.credentials().then(
      report => {
        setCurrent(deriveStatus(report, trans.__.bind(trans)));
        setForEarthEngine(signedInForEarthEngine(report));
      },
      () => setCurrent(null)
    );
  }, [api]);

  // The live query, not the settled one: what is loaded narrows at every key press.
  const live = normalizeQuery(query);
  const merged = React.useMemo(
    () => mergeProjects(recent, [...listing.items, ...listing.known], live),
    [recent, listing.items, listing.known, live]
  );
  const listReadiness = useListReadiness(
    api,
    React.useMemo(() => merged.map(e => e.project_id), [merged]),
    forEarthEngine
  );
  // For an Earth Engine sign-in the projects that work come first, so the preselected
  // row is one that works; a row the person highlighted stays highlighted as rows move.
  const entries = React.useMemo(
    () => (forEarthEngine ? readyFirst(merged, listReadiness) : merged),
    [forEarthEngine, merged, listReadiness]
  );
  const found = entries.findIndex(e => e.project_id === highlightId);
  const index = found >= 0 ? found : entries.length > 0 ? 0 : -1;
  const highlighted = index >= 0 ? entries[index].project_id : null;
  const services = useServices(api, highlighted, props.servicesDelayMs ?? 250);
  const earthEngine = useEarthEngine(
    api,
    highlighted,
    props.servicesDelayMs ?? 250,
    forEarthEngine,
    listReadiness
  );

  // Listing refused, or Google refused our search (our bug): typing the id is the way on.
  const forbidden =
    listing.error?.code === 'projects_forbidden' ||
    listing.error?.code === 'search_refused';
  const { ready } = props;
  React.useEffect(() => {
    if (!forbidden) {
      return;
    }
    let live = true;
    void (ready ?? Promise.resolve()).then(
      () => live && manualRef.current?.focus()
    );
    return () => {
      live = false;
    };
  }, [forbidden, ready]);

  const choose = (projectId: string, manual: boolean) => {
    if (saving) {
      return;
    }
    setSaving(projectId);
    setSaveError(null);
    setNotice(null);
    api.setProject(projectId, gcloud).then(
      result => {
        if (needsNotice(result)) {
          setSaving(null);
          setNotice({ result, gcloud });
          if (result.credentials) {
            // The header says what is set now, not what was set when the dialog opened.
            setCurrent(deriveStatus(result.credentials, trans.__.bind(trans)));
          }
        } else {
          props.onChosen(result, gcloud);
        }
      },
      reason => {
        setSaving(null);
        setSaveError({ ...toShownError(reason), manual });
      }
    );
  };

  const onSearchKey = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (LIST_KEYS.includes(event.key)) {
      const next = moveHighlight(index, event.key, entries.length);
      if (next !== null) {
        event.preventDefault();
        setHighlightId(entries[next].project_id);
        if (next === entries.length - 1 && event.key !== 'ArrowUp') {
          listing.loadMore(); // reaching the end asks for the next page
        }
      }
    } else if (event.key === 'Enter' && highlighted) {
      event.preventDefault();
      choose(highlighted, false);
    }
  };

  return (
    <div className="jp-GoogleAuth-selector">
      <p className="jp-GoogleAuth-selectorWho">
        {whoLine(trans, current, listing.account)}
      </p>
      {/* While a choice's notice speaks, it says this once, next to its buttons. */}
      {!notice && <ProjectProblem status={current} />}
      <input
        type="search"
        className="jp-GoogleAuth-search"
        role="combobox"
        aria-label={trans.__('Search projects')}
        aria-expanded={entries.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={index >= 0 ? optionId(listId, index) : undefined}
        placeholder={trans.__('Search projects by id or name')}
        value={query}
        onChange={e => setQuery(e.target.value)}
        onKeyDown={onSearchKey}
      />
      <div className="jp-GoogleAuth-selectorColumns">
        <div className="jp-GoogleAuth-selectorListPane">
          {listing.error && (
            <ErrorBox error={listing.error} trans={trans}>
              {forbidden ? (
                <p>{trans.__('Type the project id below instead.')}</p>
              ) : (
                <button
                  type="button"
                  className="jp-mod-styled jp-mod-reject"
                  onClick={listing.retry}
                >
                  {trans.__('Retry')}
                </button>
              )}
            </ErrorBox>
          )}
          <ProjectList
            id={listId}
            entries={entries}
            highlighted={index}
            current={current?.project ?? null}
            busy={saving}
            readiness={forEarthEngine ? earthEngine.all : undefined}
            trans={trans}
            onHighlight={i => setHighlightId(entries[i].project_id)}
            onChoose={id => choose(id, false)}
          />
          <ListFooter
            count={entries.length}
            loading={listing.loading}
            more={listing.next !== null}
            query={live}
            failed={listing.error !== null}
            trans={trans}
            onMore={listing.loadMore}
          />
        </div>
        <div className="jp-GoogleAuth-selectorDetails">
          {forEarthEngine && (
            <EarthEngineView
              project={highlighted}
              load={earthEngine.current}
              trans={trans}
            />
          )}
          <ServicesView project={highlighted} load={services} trans={trans} />
        </div>
      </div>
      {notice && (
        <ChoiceNotice
          result={notice.result}
          trans={trans}
          onKeep={() => props.onChosen(notice.result, notice.gcloud)}
        />
      )}
      <ManualProject
        trans={trans}
        disabled={saving !== null}
        inputRef={manualRef}
        serverError={saveError?.manual ? saveError.message : null}
        onSubmit={id => choose(id, true)}
      />
      {saveError && !saveError.manual && (
        <ErrorBox error={saveError} trans={trans} />
      )}
      <div className="jp-GoogleAuth-selectorActions">
        <label className="jp-GoogleAuth-gcloud">
          <input
            type="checkbox"
            checked={gcloud}
            onChange={e => setGcloud(e.target.checked)}
          />{' '}
          {trans.__('Also set gcloud’s core/project')}
        </label>
        {props.onSignOut && (
          <button
            type="button"
            className="jp-mod-styled jp-mod-warn jp-GoogleAuth-signOut"
            onClick={props.onSignOut}
          >
            {trans.__('Sign out…')}
          </button>
        )}
      </div>
    </div>
  );
}

function whoLine(
  trans: TranslationBundle,
  current: Status | null,
  listed: string | null
): string {
  const account = current?.account ?? listed;
  const who = account
    ? trans.__('Signed in as %1.', account)
    : trans.__('Projects your Google credentials can see.');
  return `${who} ${projectWords(current, trans.__.bind(trans))}`;
}

function ListFooter(props: {
  count: number;
  loading: boolean;
  more: boolean;
  failed: boolean;
  query: string;
  trans: TranslationBundle;
  onMore(): void;
}): JSX.Element {
  const { count, loading, more, failed, query, trans } = props;
  let text: React.ReactNode;
  if (loading) {
    text = trans.__('Loading projects…');
  } else if (count === 0 && !failed) {
    // Why the list is empty, and the way on from there.
    text = query ? (
      trans.__(
        'No projects match “%1”. Check the spelling, or type the project id below.',
        query
      )
    ) : (
      <EmptyList trans={trans} />
    );
  } else {
    text = trans._n('%1 project shown', '%1 projects shown', count);
  }
  return (
    <div className="jp-GoogleAuth-listFooter">
      <span aria-live="polite">{text}</span>
      {more && !loading && (
        <button
          type="button"
          className="jp-mod-styled jp-mod-reject jp-GoogleAuth-loadMore"
          onClick={props.onMore}
        >
          {trans.__('Load more')}
        </button>
      )}
    </div>
  );
}

const CREATE_PROJECT_URL = 'https://console.cloud.google.com/projectcreate';
const REGISTER_URL = 'https://code.earthengine.google.com/register';

/** This account sees no project at all: create one, register one, or type an id. */
function EmptyList(props: { trans: TranslationBundle }): JSX.Element {
  const { trans } = props;
  const link = (href: string, label: string) => (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {label}
    </a>
  );
  return (
    <span className="jp-GoogleAuth-emptyList">
      {trans.__('This account can see no projects.')}{' '}
      {link(CREATE_PROJECT_URL, trans.__('Create a project'))}{' '}
      {trans.__('(for Earth Engine, name it ee-<your-name>), then')}{' '}
      {link(REGISTER_URL, trans.__('register it for Earth Engine'))}
      {trans.__('; or type the id of a project you were given below.')}
    </span>
  );
}

function ErrorBox(props: {
  error: IShownError;
  trans: TranslationBundle;
  children?: React.ReactNode;
}): JSX.Element {
  const { error } = props;
  return (
    <div className="jp-GoogleAuth-error" role="alert" data-code={error.code}>
      <p>{error.message}</p>
      {error.help && <p>{error.help}</p>}
      {props.children}
    </div>
  );
}

// Whose log line an event is, by its prefix: the hub (logger `JupyterHub`), a single-user server
// (notebook, jupyter_server and JupyterHub's single-user apps), the idle culler (its 1.x prefix or
// logger `IdleCuller`, on its own modules), the proxy, or another service (BinderHub and the like
// keep tornado's default prefix, which the culler's resembles).
import type { HubEvent } from '../core/model/events.js';
import type { Component } from '../core/model/report.js';

const CULLER_MODULES = new Set(['__init__', 'ioloop', 'cull_idle_servers', 'jupyterhub_idle_culler']);
const SINGLE_USER = /^(?:SingleUser\w*|JupyterHubSingleUser|ServerApp|NotebookApp|LabApp|LabServerApp|ExtensionApp)$/;
// `[L <date> <time>.<ms> <logger>[ module:N]]` (JupyterHub's and jupyter_server's prefixes, with or without a date).
const LOGGER = /^\[[A-Z] (?:\d{4}-\d\d-\d\d )?\d\d:\d\d:\d\d\.\d{3} ([^\s\]]+)/;
// `[L yymmdd HH:MM:SS module:N]` (tornado's default, the culler's 1.x).
const MODULE = /^\[[A-Z] \d{6} \d\d:\d\d:\d\d ([\w.]+):\d+\]/;

export function componentOf(ev: HubEvent): Component {
  // The culler's own error, also when it crashed with no prefix at all.
  if (ev.kind === 'request-refused' && ev.reason === 'culler') return 'culler';
  if (ev.shape === 'chp') return 'proxy';
  if (ev.shape === 'singleuser' || ev.shape === 'jupyter-server' || ev.shape === 'notebook') return 'singleuser';
  if (ev.shape === 'idle-culler' || ev.shape === 'tornado') {
    const module = MODULE.exec(ev.raw)?.[1];
    return module === undefined || CULLER_MODULES.has(module) ? 'culler' : 'service';
  }
  const logger = LOGGER.exec(ev.raw)?.[1];
  return logger !== undefined && SINGLE_USER.test(logger) ? 'singleuser' : 'hub';
}

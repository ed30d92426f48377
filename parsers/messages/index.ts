// The message parsers, tried in order on a prefixed line's message.
import type { MessageParser } from './types.js';
import { access } from './access.js';
import { auth } from './auth.js';
import { authenticators } from './authenticators.js';
import { culler } from './culler.js';
import { hubRefusals } from './hub-refusals.js';
import { lifecycle } from './lifecycle.js';
import { proxyRefusals } from './proxy-refusals.js';
import { resources } from './resources.js';
import { serviceRefusals } from './service-refusals.js';
import { singleuserRefusals } from './singleuser-refusals.js';
import { web } from './web.js';
import { kubespawner } from './kubespawner.js';
import { configPrints } from './config-prints.js';
import { servers } from './servers.js';

export type { Fields, MessageParser } from './types.js';
export const MESSAGE_PARSERS: readonly MessageParser[] = [
  access, web, auth, authenticators, culler, lifecycle, resources, hubRefusals, singleuserRefusals, serviceRefusals, proxyRefusals, kubespawner, servers, configPrints,
];

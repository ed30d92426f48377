// The message parsers, tried in order on a prefixed line's message.
import type { MessageParser } from './types.js';
import { access } from './access.js';
import { auth } from './auth.js';
import { culler } from './culler.js';
import { lifecycle } from './lifecycle.js';
import { resources } from './resources.js';
import { web } from './web.js';

export type { Fields, MessageParser } from './types.js';
export const MESSAGE_PARSERS: readonly MessageParser[] = [access, web, auth, culler, lifecycle, resources];

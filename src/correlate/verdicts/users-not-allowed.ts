// Most refusals come from accounts the authenticator does not allow, none of them deleted before:
// the allow list doing its job, not the culler.
import { notAllowed } from '../causes/not-allowed.js';
import { dominant } from './dominant.js';

export const usersNotAllowed = dominant(notAllowed, 'users-not-allowed');

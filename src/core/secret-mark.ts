/** What a secret value is replaced by, wherever hubsleuth writes: the log scrubber's and the checks' one mark. */
export const SECRET = '[secret]';

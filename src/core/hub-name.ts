// Which hub wrote a record, as far as its envelope says: the namespace a cloud export names, else
// the machine a syslog line names. Two different names are two hubs; a record that names none
// tells nothing by itself. (A pod's name alone is no hub's: a restart gives the hub a new pod.)

/** The hub a line's envelope names, or null. */
export function envelopeHub(x: { readonly namespace?: string; readonly host?: string }): string | null {
  return x.namespace ?? x.host ?? null;
}

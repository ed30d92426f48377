// The command the reporter typed, pasted with its output: a prompt (`$ `, `# `, `user@host:~$ `,
// `## ~ $ `, PowerShell's `PS C:\> `) or a bare command line of the tools that fetch logs.
import type { Artifact } from './types.js';

const PROMPT = /^\s*(?:\S+@\S+:\S*\s?[$#%]|[$#%]|## ~ \$|PS [^>]{1,80}>|\([\w.-]+\)\s?\S*[$#]) +\S/;
const COMMAND = /^(?:sudo\s+)?(?:kubectl|docker(?:-compose)?|podman|journalctl|systemctl|helm|stern|oc|k9s|tljh-config|tail|grep|zcat|zgrep)\s+-{0,2}[\w./=-]/;

export const shellPrompt: Artifact = {
  id: 'shell-prompt',
  title: 'shell prompts and the commands that fetched the log ($ kubectl logs …)',
  test: (text) => PROMPT.test(text) || COMMAND.test(text),
  samples: ['$ kubectl logs deploy/hub -n jhub', 'me@devbox:~/jupyterhub-deploy-docker$ docker-compose up', '## ~ $ sudo journalctl -u jupyterhub', 'kubectl --namespace=lab get pod', '# tail -f /var/log/jupyterhub.log'],
};

#!/usr/bin/env node
// The entry point of `kubectl hubsleuth`: kubectl runs any program named kubectl-<name> on PATH as
// `kubectl <name>`. Loaded like `hubsleuth` itself (../main.ts).
const { installInterrupts } = await import('../interrupt.js');
installInterrupts();
await (await import('../load.js')).loadRegistries();
const { pluginMain } = await import('./plugin.js');
await pluginMain(process.argv);

#!/usr/bin/env node
// The entry point of `hubsleuth`. The signal handlers come before everything else: a Ctrl-C or a
// kill while a slow machine is still loading ends the run with the shell's code too. The modules
// then load in waves (load.ts says why).
const { installInterrupts } = await import('./interrupt.js');
installInterrupts();
await (await import('./load.js')).loadRegistries();
const { main } = await import('./run.js');
await main(process.argv);

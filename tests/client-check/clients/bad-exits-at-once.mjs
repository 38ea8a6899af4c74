// Bad input on purpose: it exits before asking anything.
process.exit(0);

export {};
const m = await import(process.argv[2]!);
console.log(await m.run());

/**
 * The environment as templates see it, noting each variable name read: `env_var()` values are
 * inputs of the rendering, and partial parsing re-renders everything when one of them changes.
 *
 * @example const names = new Set<string>(); new Compiler(dag, { ...options, env: recordingEnv(process.env, names) })
 */
export function recordingEnv(env: NodeJS.ProcessEnv, names: Set<string>): NodeJS.ProcessEnv {
  return new Proxy(env, {
    get(target, name) {
      if (typeof name === 'string') names.add(name);
      return target[name as string];
    },
    has(target, name) {
      if (typeof name === 'string') names.add(name);
      return name in target;
    },
  });
}

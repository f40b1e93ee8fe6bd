/** Every family a distribution map may name, in the order the docs list them. */
export const DISTRIBUTION_FAMILIES = [
  'fixed',
  'uniform',
  'normal',
  'lognormal',
  'triangular',
  'pert',
  'beta',
  'gamma',
  'poisson',
  'bernoulli',
  'discrete',
  'empirical',
  'mixture',
] as const;

/** Keys a distribution map may hold beside its family: when it is drawn, and truncation. */
export const DISTRIBUTION_OPTIONS = ['per', 'min', 'max'] as const;

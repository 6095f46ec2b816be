/** "Did you mean …?" lives with the other shared helpers; spec/ keeps its import path. */
export { closest, didYouMean } from '../shared/suggest'

/** What every folder shares: the error model, JSON types and guards. Imports nothing of src/. */
export * from './errors'
export * from './json'
export * from './memo'
export * from './net'
export * from './paths'
export * from './suggest'

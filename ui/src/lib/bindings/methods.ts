// Generated from juri-core's `Method::ALL` by src-tauri/src/bindings.rs. Do not edit.
import type { Method } from './Method';

/** Every aggregation method, in the order the results compare them. */
export const METHODS: readonly Method[] = ['mean', 'median', 'trimmed', 'zscore'];

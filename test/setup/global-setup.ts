// Replaced by the database harness: creates the migrated template database once per run.
export default function globalSetup(): void {}

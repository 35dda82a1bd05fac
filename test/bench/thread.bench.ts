export async function threadBench(): Promise<void> {}

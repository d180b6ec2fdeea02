/** The k-th largest of `values` (k from 1), by quickselect in O(n) on average; reorders `values`. */
export function kthLargest(values: bigint[], k: number): bigint {
  let low = 0;
  let high = values.length - 1;
  const target = k - 1;
  while (low < high) {
    const pivot = medianOfThree(values[low], values[(low + high) >> 1], values[high]);
    // Three-way partition, descending: [low, above) > pivot, [above, index) = pivot, (below, high] < pivot.
    let above = low;
    let below = high;
    let index = low;
    while (index <= below) {
      const value = values[index];
      if (value > pivot) {
        values[index++] = values[above];
        values[above++] = value;
      } else if (value < pivot) {
        values[index] = values[below];
        values[below--] = value;
      } else {
        index++;
      }
    }
    if (target < above) high = above - 1;
    else if (target > below) low = below + 1;
    else return pivot;
  }
  return values[low];
}

const medianOfThree = (a: bigint, b: bigint, c: bigint): bigint =>
  a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;

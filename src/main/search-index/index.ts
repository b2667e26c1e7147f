export { SearchIndex, searchIndexFor } from './search-index'
export type { IndexStats } from './search-index'
export { queryNeedles, fold } from './fold'
export { SortedOrders, sortedOrdersFor, compareValues } from './sorted-orders'

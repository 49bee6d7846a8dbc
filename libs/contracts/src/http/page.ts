/** The one answer of a list endpoint: this page's items, which page it is, and how many items all pages hold. */
export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  /** Items matching the filters, over all pages. */
  total: number;
}

/** Request/reply patterns, views and inputs of the bookings service (filled in with issue 3). */
export const BookingsPatterns = {} as const;
